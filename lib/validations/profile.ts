import { z } from 'zod';

/** Profile edits, shared by the profile form, its server action, PUT /api/v1/profile and OpenAPI. */
const text = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .refine(
      (v) => !/[\u0000-\u001f\u007f]/.test(v),
      `${label} must not contain control characters`,
    );

export const phoneSchema = z
  .string({ error: 'Phone must be text' })
  .trim()
  .max(32, 'Phone must be at most 32 characters')
  .regex(/^[+()0-9 .\-x]*$/, 'Phone may contain digits, spaces, + ( ) . - and x only');

export const profileFormSchema = z.object({
  firstName: text('First name', 100).pipe(z.string().min(1, 'First name is required')),
  lastName: text('Last name', 100),
  phone: phoneSchema,
  company: text('Company', 200),
});

/** PUT /api/v1/profile (document 2: name, phone, company). `name` is the full name. Unknown and read-only fields are refused. */
export const profileUpdateSchema = z
  .object({
    name: text('name', 201).pipe(z.string().min(1, 'name must not be empty')).optional(),
    phone: phoneSchema.nullable().optional(),
    company: text('company', 200).nullable().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'Send at least one of name, phone, company');

/** "Mary Ann Smith" → first "Mary Ann", last "Smith"; a single word is a first name. */
export function splitFullName(name: string): { firstName: string; lastName: string } {
  const parts = name.trim().split(/\s+/);
  if (parts.length === 1) return { firstName: parts[0] ?? '', lastName: '' };
  return { firstName: parts.slice(0, -1).join(' '), lastName: parts[parts.length - 1] ?? '' };
}
