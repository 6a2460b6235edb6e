/** Document 4's user: an integer `user_id`, snake_case names, the role in capitals. */
export function presentGiggatekUser(user: {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  role: 'CUSTOMER' | 'SUPPORT_AGENT' | 'ADMIN';
}) {
  return {
    user_id: user.id,
    email: user.email,
    first_name: user.firstName,
    last_name: user.lastName,
    role: user.role,
  };
}
