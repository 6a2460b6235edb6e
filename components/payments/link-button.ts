import { cn } from '@/components/ui/cn';

/**
 * Button looks for links in server components: ui/button.tsx's buttonClass is exported from a
 * 'use client' module, which a server component cannot call.
 */
const variants = {
  primary: 'bg-brand-600 text-white hover:bg-brand-700',
  secondary:
    'border border-slate-300 bg-white text-slate-800 hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800',
} as const;

export function linkButtonClass(variant: keyof typeof variants = 'primary'): string {
  return cn(
    'inline-flex items-center justify-center gap-2 rounded-lg px-4 py-2 text-sm font-medium transition-colors',
    variants[variant],
  );
}
