import { Subheading } from '@/components/ui/card';

export function PageHeader({ title, description }: { title: string; description?: string }) {
  return (
    <div className="mb-6">
      <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
      <Subheading text={description} />
    </div>
  );
}
