import 'server-only';
import type { z } from 'zod';
import { requireSession } from '@/lib/auth/guards';
import { can, type Permission } from '@/lib/auth/permissions';
import type { ActiveSession } from '@/lib/auth/sessions';
import { AppError } from '@/lib/errors';
import { logger } from '@/lib/log';
import { consume, type LimitName } from '@/lib/rate-limit';

/**
 * What a form shows after its action ran, and what the action returned
 * (`data`: a link to follow, a client secret to mount). Field values are echoed
 * back so a form keeps what was typed, except fields whose names mention
 * passwords.
 */
export interface ActionState<T = never> {
  error?: string;
  fieldErrors?: Record<string, string[]>;
  success?: string;
  values?: Record<string, string>;
  data?: T;
}

/** What an action body returns: a message for the form, data for the component, or nothing. */
export interface ActionResult<T> {
  success?: string;
  data?: T;
}

export type FormAction<T = never> = (
  previous: ActionState<T>,
  formData: FormData,
) => Promise<ActionState<T>>;

export function echoableValues(formData: FormData): Record<string, string> {
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
export function validatedAction<S extends z.ZodType, T = never>(
  schema: S,
  action: (data: z.output<S>, session: ActiveSession) => Promise<ActionResult<T> | void>,
  options: FormOptions & {
    allowPasswordChange?: boolean;
    /** What the caller's role must allow, as an endpoint spec's `permission`. */
    permission?: Permission;
    rateLimit?: LimitName;
  } = {},
): FormAction<T> {
  return async (_previous, formData) => {
    const session = await requireSession(options);
    const values = echoableValues(formData);
    if (options.permission && !can(session.user, options.permission)) {
      return { error: 'This needs a support agent or administrator account', values };
    }
    const limit = await consume(options.rateLimit ?? 'api', `user:${session.user.id}`);
    if (!limit.allowed) {
      return { error: `Too many requests; try again in ${limit.resetSeconds} seconds`, values };
    }
    return runAction(schema, formData, values, (data) => action(data, session), options);
  };
}

/** How an action reads its form and reports failures; shared by every action wrapper. */
export interface FormOptions {
  /**
   * For forms whose fields are all hidden (ids the page rendered): a tampered value has no field
   * to highlight, so say this instead, as "not found" would.
   */
  invalidMessage?: string;
  /**
   * The form's names for fields the domain reports issues for, when they differ from the
   * domain's own (`{ newPassword: 'password' }`).
   */
  fields?: Readonly<Record<string, string>>;
}

/**
 * The steps after the caller is known: zod on the FormData (React's own `$ACTION_…` entries
 * left out, so strict schemas parse), the action body, and its AppError turned into the form's
 * error and field errors. Next's redirect() and notFound() pass through.
 */
export async function runAction<S extends z.ZodType, T>(
  schema: S,
  formData: FormData,
  values: Record<string, string>,
  body: (data: z.output<S>) => Promise<ActionResult<T> | void>,
  options: FormOptions,
): Promise<ActionState<T>> {
  const entries = [...formData.entries()].filter(([key]) => !key.startsWith('$'));
  const parsed = schema.safeParse(Object.fromEntries(entries));
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
    const result = await body(parsed.data);
    return result ? { success: result.success, data: result.data } : { success: 'Saved' };
  } catch (err) {
    if (err instanceof AppError) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of err.issues) {
        (fieldErrors[options.fields?.[issue.field] ?? issue.field] ??= []).push(issue.message);
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
}
