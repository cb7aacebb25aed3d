export default function TaskPage() { return <div>TaskPage</div>; }
