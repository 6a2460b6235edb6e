'use client';

import { useEffect, useState } from 'react';
import { buttonClass } from '@/components/ui/button';

/**
 * Copies a value (a license key) to the clipboard and says so. Where the clipboard is not
 * available (an insecure origin, a refused permission) it tells the customer to copy by hand.
 */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
  }

  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={copy}
        aria-label={label}
        className={buttonClass('secondary', 'px-3 py-1.5')}
      >
        {state === 'copied' ? 'Copied' : 'Copy'}
      </button>
      <span
        role="status"
        aria-live="polite"
        className={state === 'failed' ? 'text-xs text-red-600 dark:text-red-400' : 'sr-only'}
      >
        {state === 'copied' ? 'Copied to the clipboard' : null}
        {state === 'failed' ? 'Could not copy; select the key and copy it' : null}
      </span>
    </span>
  );
}
