import type { ReactNode } from "react";
import { Link } from "react-router";
import { LoginForm } from "./LoginForm";
import { SignupForm } from "./SignupForm";
import { RequestPasswordResetForm, ResetPasswordForm, VerifyEmailForm } from "./EmailLinkForms";
import { usePageTitle } from "../client/usePageTitle";
import "./auth.css";

// Every auth page uses the project's own forms: Wasp's do not tie labels to inputs, and they
// bring react-hook-form into the first page load.
function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  usePageTitle(title);
  return <section className="card auth-card stack">{children}</section>;
}

export function LoginPage() {
  return (
    <AuthCard title="Log in">
      <LoginForm />
      <p className="muted">
        No account yet? <Link to="/signup">Sign up</Link>. Forgot your password?{" "}
        <Link to="/request-password-reset">Reset it</Link>.
      </p>
    </AuthCard>
  );
}

export function SignupPage() {
  return (
    <AuthCard title="Sign up">
      <SignupForm />
      <p className="muted">
        Already have an account? <Link to="/login">Log in</Link>.
      </p>
    </AuthCard>
  );
}

export function RequestPasswordResetPage() {
  return (
    <AuthCard title="Reset your password">
      <RequestPasswordResetForm />
      <p className="muted">
        <Link to="/login">Back to log in</Link>
      </p>
    </AuthCard>
  );
}

export function PasswordResetPage() {
  return (
    <AuthCard title="Choose a new password">
      <ResetPasswordForm />
      <p className="muted">
        <Link to="/login">Back to log in</Link>
      </p>
    </AuthCard>
  );
}

export function EmailVerificationPage() {
  return (
    <AuthCard title="Email verification">
      <VerifyEmailForm />
      <p className="muted">
        <Link to="/login">Go to log in</Link>
      </p>
    </AuthCard>
  );
}
