export default function PlanPage() { return <div>PlanPage</div>; }
