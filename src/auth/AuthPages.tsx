import type { ReactNode } from "react";
import { Link } from "react-router";
import {
  ForgotPasswordForm,
  LoginForm,
  ResetPasswordForm,
  SignupForm,
  VerifyEmailForm,
} from "wasp/client/auth";
import { NAME_MAX } from "./nameRules";

function AuthCard({ children }: { children: ReactNode }) {
  return <section className="card auth-card">{children}</section>;
}

export function LoginPage() {
  return (
    <AuthCard>
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
    <AuthCard>
      <SignupForm
        additionalFields={[
          {
            name: "name",
            type: "input",
            label: "Name",
            validations: {
              required: "Name is required",
              maxLength: { value: NAME_MAX, message: `At most ${NAME_MAX} characters` },
            },
          },
        ]}
      />
      <p className="muted">
        Already have an account? <Link to="/login">Log in</Link>.
      </p>
    </AuthCard>
  );
}

export function RequestPasswordResetPage() {
  return (
    <AuthCard>
      <ForgotPasswordForm />
    </AuthCard>
  );
}

export function PasswordResetPage() {
  return (
    <AuthCard>
      <ResetPasswordForm />
      <p className="muted">
        <Link to="/login">Back to log in</Link>
      </p>
    </AuthCard>
  );
}

export function EmailVerificationPage() {
  return (
    <AuthCard>
      <VerifyEmailForm />
      <p className="muted">
        <Link to="/login">Go to log in</Link>
      </p>
    </AuthCard>
  );
}
