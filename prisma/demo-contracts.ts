import type { Prisma } from '../lib/db/client';

/** Service tiers, smallest first. */
export const SERVICE_TIERS = [
  {
    name: 'Basic',
    rank: 1,
    features: ['Business-hours Monitoring', 'Up to 4 Cameras', 'Email Alerts'],
  },
  {
    name: 'Standard',
    rank: 2,
    features: [
      '24/7 Monitoring',
      'Up to 16 Cameras',
      'SMS and Email Alerts',
      'Monthly Health Report',
    ],
  },
  {
    name: 'Premium',
    rank: 3,
    features: ['24/7 Monitoring', 'Unlimited Cameras', 'Remote Access Support'],
  },
] as const;

/** Document 1's two contracts for the demo customer, with fixed ids so re-seeding changes nothing. */
export const DEMO_CONTRACTS = [
  {
    id: 1001,
    name: 'Main Office Monitoring',
    status: 'ACTIVE',
    startDate: '2024-01-01',
    endDate: '2026-01-01',
    tier: 'Premium',
  },
  {
    id: 1002,
    name: 'Warehouse Coverage',
    status: 'INACTIVE',
    startDate: '2023-03-01',
    endDate: '2024-03-01',
    tier: 'Standard',
  },
] as const;

export const DEMO_EQUIPMENT: (Omit<
  Prisma.EquipmentUncheckedCreateInput,
  'userId' | 'installedAt'
> & {
  id: number;
  installedDaysAgo: number;
})[] = [
  {
    id: 5001,
    contractId: 1001,
    kind: 'CAMERA',
    model: 'SenseCam 4K',
    serial: 'SC4K-100231',
    location: 'Lobby',
    status: 'ONLINE',
    installedDaysAgo: 400,
  },
  {
    id: 5002,
    contractId: 1001,
    kind: 'CAMERA',
    model: 'SenseCam 4K',
    serial: 'SC4K-100232',
    location: 'Parking lot',
    status: 'FAULTY',
    installedDaysAgo: 400,
  },
  {
    id: 5003,
    contractId: 1001,
    kind: 'PANEL',
    model: 'Guardian Panel 2',
    serial: 'GP2-88120',
    location: 'Reception',
    status: 'ONLINE',
    installedDaysAgo: 398,
  },
  {
    id: 5004,
    contractId: 1001,
    kind: 'LOCK',
    model: 'SmartLock Pro',
    serial: 'SLP-55012',
    location: 'Server room',
    status: 'ONLINE',
    installedDaysAgo: 200,
  },
  {
    id: 5005,
    contractId: 1002,
    kind: 'SENSOR',
    model: 'Motion Sensor M3',
    serial: 'MS3-77410',
    location: 'Loading dock',
    status: 'OFFLINE',
    installedDaysAgo: 700,
  },
];

/** Alerts relative to the seeding time, so the dashboard's 30-day chart always has data. */
export const DEMO_ALERTS = [
  {
    id: 9001,
    equipmentId: 5002,
    severity: 'HIGH',
    message: 'Camera offline: no video signal',
    daysAgo: 0.2,
    acknowledged: false,
    resolved: false,
  },
  {
    id: 9002,
    equipmentId: 5001,
    severity: 'MEDIUM',
    message: 'Motion detected after hours',
    daysAgo: 1.5,
    acknowledged: true,
    resolved: false,
  },
  {
    id: 9003,
    equipmentId: 5004,
    severity: 'LOW',
    message: 'Lock battery below 20%',
    daysAgo: 6,
    acknowledged: true,
    resolved: true,
  },
  {
    id: 9004,
    equipmentId: 5003,
    severity: 'CRITICAL',
    message: 'Panel tamper switch triggered',
    daysAgo: 12,
    acknowledged: true,
    resolved: true,
  },
  {
    id: 9005,
    equipmentId: 5005,
    severity: 'MEDIUM',
    message: 'Sensor heartbeat lost',
    daysAgo: 20,
    acknowledged: true,
    resolved: true,
  },
  {
    id: 9006,
    equipmentId: 5001,
    severity: 'LOW',
    message: 'Lens obstruction suspected',
    daysAgo: 27,
    acknowledged: true,
    resolved: true,
  },
] as const;
