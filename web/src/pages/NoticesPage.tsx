export default function NoticesPage() { return <div>NoticesPage</div>; }
