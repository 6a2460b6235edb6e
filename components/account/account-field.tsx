import type { ComponentProps } from 'react';
import { Field } from '@/components/ui/field';
import type { FieldBinder } from '@/components/ui/form-state';

type FieldProps = Partial<ComponentProps<typeof Field>>;

/** The account's fields, labelled and typed once for every form that asks for them. */
const ACCOUNT_FIELDS = {
  firstName: { label: 'First name', autoComplete: 'given-name', required: true, maxLength: 100 },
  lastName: { label: 'Last name', autoComplete: 'family-name', maxLength: 100 },
  email: { type: 'email', label: 'Email', autoComplete: 'email', required: true, maxLength: 254 },
  phone: { type: 'tel', label: 'Phone', autoComplete: 'tel', maxLength: 40 },
  company: { label: 'Company', autoComplete: 'organization', maxLength: 200 },
} as const satisfies Record<string, FieldProps>;

/** One account field bound to its form; `overrides` for what this form says otherwise. */
export function AccountField({
  bind,
  name,
  ...overrides
}: FieldProps & { bind: FieldBinder; name: keyof typeof ACCOUNT_FIELDS }) {
  return <Field {...bind(name)} {...ACCOUNT_FIELDS[name]} {...overrides} />;
}
