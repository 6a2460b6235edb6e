import Link from 'next/link';
import type { ContractSummary } from '@/lib/contracts/read';
import { ContractStatusBadge } from '@/components/contracts/status-badges';
import { DateText } from '@/components/ui/date';

const linkClass = 'font-medium text-brand-600 hover:underline dark:text-brand-100 break-words';

function EndDate({ date }: { date: Date | null }) {
  return date ? <DateText date={date} /> : <span>Open-ended</span>;
}

/** A table from md up, cards below it (only one of the two is ever displayed). */
export function ContractList({ contracts }: { contracts: ContractSummary[] }) {
  return (
    <>
      <div className="hidden overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm md:block dark:border-slate-800 dark:bg-slate-900">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase dark:bg-slate-800/60 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">
                Contract
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Status
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Service tier
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Start
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                End
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
            {contracts.map((c) => (
              <tr key={c.id}>
                <td className="px-4 py-3">
                  <Link href={`/contracts/${c.id}`} className={linkClass}>
                    {c.name}
                  </Link>
                  <p className="text-xs text-slate-500 dark:text-slate-400">#{c.id}</p>
                </td>
                <td className="px-4 py-3">
                  <ContractStatusBadge status={c.status} />
                </td>
                <td className="px-4 py-3">{c.tier.name}</td>
                <td className="px-4 py-3 whitespace-nowrap">
                  <DateText date={c.startDate} />
                </td>
                <td className="px-4 py-3 whitespace-nowrap">
                  <EndDate date={c.endDate} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="space-y-3 md:hidden">
        {contracts.map((c) => (
          <li
            key={c.id}
            className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
          >
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <Link href={`/contracts/${c.id}`} className={linkClass}>
                  {c.name}
                </Link>
                <p className="text-xs text-slate-500 dark:text-slate-400">
                  #{c.id} · {c.tier.name}
                </p>
              </div>
              <ContractStatusBadge status={c.status} />
            </div>
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
              <DateText date={c.startDate} /> – <EndDate date={c.endDate} />
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
