import 'server-only';
import type { z } from 'zod';
import { requireSession } from '@/lib/auth/guards';
import type { ActiveSession } from '@/lib/auth/sessions';
import { AppError } from '@/lib/errors';
import { logger } from '@/lib/log';
import { consume, type LimitName } from '@/lib/rate-limit';

/**
 * What a form shows after its action ran. Field values are echoed back so a
 * form keeps what was typed, except fields whose names mention passwords.
 */
export interface ActionState {
  error?: string;
  fieldErrors?: Record<string, string[]>;
  success?: string;
  values?: Record<string, string>;
}

function echoableValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === 'string' && !/password/i.test(key) && !key.startsWith('$')) {
      values[key] = value.slice(0, 500);
    }
  }
  return values;
}

/**
 * The one wrapper for every server action: the session (re-read from the
 * database), the per-user rate limit, zod parsing of the FormData, and typed
 * errors turned into a message the form can show. Never throws for a
 * user's mistake.
 */
export function validatedAction<S extends z.ZodType>(
  schema: S,
  action: (data: z.output<S>, session: ActiveSession) => Promise<ActionState | void>,
  options: {
    allowPasswordChange?: boolean;
    rateLimit?: LimitName;
    /**
     * For forms whose fields are all hidden (ids the page rendered): a tampered value has no field
     * to highlight, so say this instead, as "not found" would.
     */
    invalidMessage?: string;
  } = {},
): (previous: ActionState, formData: FormData) => Promise<ActionState> {
  return async (_previous, formData) => {
    const session = await requireSession(options);
    const values = echoableValues(formData);
    const limit = await consume(options.rateLimit ?? 'api', `user:${session.user.id}`);
    if (!limit.allowed) {
      return { error: `Too many requests; try again in ${limit.resetSeconds} seconds`, values };
    }
    const parsed = schema.safeParse(Object.fromEntries(formData.entries()));
    if (!parsed.success) {
      if (options.invalidMessage) return { error: options.invalidMessage, values };
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.map(String).join('.') || 'form';
        (fieldErrors[key] ??= []).push(issue.message);
      }
      return { error: 'Please correct the highlighted fields', fieldErrors, values };
    }
    try {
      return (await action(parsed.data, session)) ?? { success: 'Saved' };
    } catch (err) {
      if (err instanceof AppError) {
        const fieldErrors: Record<string, string[]> = {};
        for (const detail of err.details) {
          const [field, ...rest] = detail.split(': ');
          if (field && rest.length > 0)
            (fieldErrors[toFormField(field)] ??= []).push(rest.join(': '));
        }
        return { error: err.message, fieldErrors, values };
      }
      // Next's redirect() and notFound() travel as thrown values: let them through.
      if (err instanceof Error && 'digest' in err) throw err;
      logger.error(
        { error: err instanceof Error ? err.message : String(err) },
        'server action failed',
      );
      return { error: 'Something went wrong; please try again', values };
    }
  };
}

/** API detail paths are snake_case; form fields are camelCase. */
function toFormField(field: string): string {
  return field.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}
