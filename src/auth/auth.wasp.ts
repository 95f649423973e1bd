import { page, route } from "@wasp.sh/spec";
import {
  EmailVerificationPage,
  LoginPage,
  PasswordResetPage,
  RequestPasswordResetPage,
  SignupPage,
} from "./AuthPages" with { type: "ref" };
import { userSignupFields } from "./userSignupFields" with { type: "ref" };
import { onAfterLogin, onAfterSignup, onBeforeLogin } from "./hooks" with { type: "ref" };

export const authConfig = {
  userEntity: "User",
  methods: {
    email: {
      fromField: { name: "Inkwell", email: "no-reply@inkwell.local" },
      userSignupFields,
      emailVerification: { clientRoute: "EmailVerificationRoute" },
      passwordReset: { clientRoute: "PasswordResetRoute" },
    },
  },
  onBeforeLogin,
  onAfterLogin,
  onAfterSignup,
  onAuthSucceededRedirectTo: "/",
  onAuthFailedRedirectTo: "/login",
} as const;

export const authSpec = [
  route("LoginRoute", "/login", page(LoginPage)),
  route("SignupRoute", "/signup", page(SignupPage)),
  route("RequestPasswordResetRoute", "/request-password-reset", page(RequestPasswordResetPage)),
  route("PasswordResetRoute", "/password-reset", page(PasswordResetPage)),
  route("EmailVerificationRoute", "/email-verification", page(EmailVerificationPage)),
];
