export default function TasksPage() { return <div>TasksPage</div>; }
