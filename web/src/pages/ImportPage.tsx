export default function ImportPage() { return <div>ImportPage</div>; }
