export default function PlansPage() { return <div>PlansPage</div>; }
