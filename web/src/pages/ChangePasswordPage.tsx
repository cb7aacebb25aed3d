export default function ChangePasswordPage() { return <div>ChangePasswordPage</div>; }
