import { presentEquipment, v1Equipment } from '@/lib/api/v1/contracts';
import { presentPage } from '@/lib/api/v1/envelope';
import { v1Ok } from '@/lib/api/v1/envelope';
import { listEquipment } from '@/lib/contracts/read';
import { methods, route } from '@/lib/http/handler';

const handler = route(v1Equipment, async ({ session, params, query }) => {
  const page = await listEquipment({
    userId: session.user.id,
    contractId: params.id,
    page: query.page,
    pageSize: query.page_size,
  });
  return { body: v1Ok('Equipment', presentPage(page, presentEquipment)) };
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: handler });
