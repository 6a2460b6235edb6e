import { CopyButton } from './copy-button';

/** A license key in a readable monospace box with its copy button. */
export function LicenseKey({ value }: { value: string }) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <code
        data-testid="license-key"
        className="rounded-lg bg-slate-100 px-3 py-1.5 font-mono text-base tracking-wider break-all text-slate-900 select-all dark:bg-slate-800 dark:text-slate-100"
      >
        {value}
      </code>
      <CopyButton value={value} label={`Copy license key ${value}`} />
    </div>
  );
}
