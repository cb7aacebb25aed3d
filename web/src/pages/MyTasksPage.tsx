export default function MyTasksPage() { return <div>MyTasksPage</div>; }
