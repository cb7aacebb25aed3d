export default function AdminPages({ page }: { page: string }) { return <div>{page}</div>; }
