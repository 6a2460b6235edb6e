import { cn } from './cn';

/**
 * Button looks, without 'use client', so server components can style links as buttons too
 * (button.tsx re-exports it for client components).
 */
export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

const variants: Record<ButtonVariant, string> = {
  primary: 'bg-brand-600 text-white hover:bg-brand-700 disabled:bg-brand-600/60',
  secondary:
    'border border-slate-300 bg-white text-slate-800 hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800',
  danger: 'bg-red-600 text-white hover:bg-red-700 disabled:bg-red-600/60',
  ghost: 'text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800',
};

export const buttonClass = (variant: ButtonVariant = 'primary', extra?: string) =>
  cn(
    'inline-flex items-center justify-center gap-2 rounded-lg px-4 py-2 text-sm font-medium transition-colors disabled:cursor-not-allowed',
    variants[variant],
    extra,
  );

/** The portal's text link inside prose, empty states and notices. */
export const textLinkClass = 'font-medium text-brand-600 hover:underline dark:text-brand-100';
