import type { Metadata } from 'next';
import Link from 'next/link';
import { AlertsChart } from '@/components/dashboard/alerts-chart';
import { EquipmentStatusChart } from '@/components/dashboard/equipment-status';
import { RecentAlerts } from '@/components/dashboard/recent-alerts';
import { StatCard } from '@/components/dashboard/stat-card';
import { PageHeader } from '@/components/layout/page-header';
import { Card, EmptyState } from '@/components/ui/card';
import { requireSession } from '@/lib/auth/guards';
import { getDashboard } from '@/lib/contracts/read';
import { textLinkClass } from '@/components/ui/button-class';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const session = await requireSession();
  const now = new Date();
  const data = await getDashboard(session.user.id, now);
  const header = (
    <PageHeader
      title={`Welcome back, ${session.user.firstName}`}
      description="Your contracts, equipment and alerts at a glance."
    />
  );

  if (data.contractCount === 0) {
    return (
      <>
        {header}
        <EmptyState title="No contracts yet">
          <p>Once your first monitoring contract starts, its equipment and alerts show up here.</p>
          <p className="mt-2">
            Questions about getting started?{' '}
            <Link href="/support" className={textLinkClass}>
              Contact support
            </Link>
          </p>
        </EmptyState>
      </>
    );
  }

  return (
    <>
      {header}
      <div className="grid gap-4 sm:grid-cols-3">
        <StatCard
          label="Contracts"
          value={data.contractCount}
          href="/contracts"
          linkText="View contracts"
        />
        <StatCard label="Equipment" value={data.equipmentCount} />
        <StatCard
          label="Active alerts"
          value={data.activeAlerts}
          detail={
            data.unacknowledgedAlerts > 0 ? (
              <span className="font-medium text-red-700 dark:text-red-300">
                {data.unacknowledgedAlerts} not acknowledged
              </span>
            ) : (
              <span className="text-slate-500 dark:text-slate-400">
                {data.activeAlerts > 0 ? 'All acknowledged' : 'All clear'}
              </span>
            )
          }
        />
      </div>
      <div className="mt-6 grid gap-4 lg:grid-cols-3">
        <Card
          title="Alerts per day"
          description="Raised over the last 30 days"
          className="lg:col-span-2"
        >
          <AlertsChart days={data.alertsPerDay} />
        </Card>
        <Card title="Equipment by status">
          <EquipmentStatusChart counts={data.equipmentByStatus} />
        </Card>
      </div>
      <Card title="Recent active alerts" className="mt-6">
        <RecentAlerts alerts={data.recentAlerts} now={now} />
      </Card>
    </>
  );
}
