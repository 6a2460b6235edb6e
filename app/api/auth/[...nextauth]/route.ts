import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/next-auth';

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built per request so that `next build` needs no secrets.
function handler(req: Request, context: Context) {
  return NextAuth(req as never, context as never, authOptions(req.headers)) as Promise<Response>;
}

export { handler as GET, handler as POST };
