import { Field } from '@/components/ui/field';
import type { FieldBinder } from '@/components/ui/form-state';
import { PASSWORD_MAX, PASSWORD_MIN } from '@/lib/validations/auth';

const PASSWORD_HINT = `${PASSWORD_MIN} to ${PASSWORD_MAX} characters, not a common password. A passphrase works well.`;

/** A new password and its confirmation (`confirmPassword`), as every form that sets one asks. */
export function NewPasswordFields({
  bind,
  name = 'password',
  label = 'Password',
}: {
  bind: FieldBinder;
  /** The new password's field name. */
  name?: string;
  label?: string;
}) {
  return (
    <>
      <Field
        {...bind(name)}
        type="password"
        label={label}
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN}
        maxLength={PASSWORD_MAX}
        hint={PASSWORD_HINT}
      />
      <Field
        {...bind('confirmPassword')}
        type="password"
        label={`Confirm ${label.toLowerCase()}`}
        autoComplete="new-password"
        required
      />
    </>
  );
}
