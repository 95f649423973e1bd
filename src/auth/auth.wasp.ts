import { page, route } from "@wasp.sh/spec";
import {
  EmailVerificationPage,
  LoginPage,
  PasswordResetPage,
  RequestPasswordResetPage,
  SignupPage,
} from "./AuthPages" with { type: "ref" };
import { userSignupFields } from "./userSignupFields" with { type: "ref" };
import {
  onAfterEmailVerified,
  onAfterLogin,
  onAfterSignup,
  onBeforeLogin,
} from "./hooks" with { type: "ref" };
import { passwordResetEmail, verificationEmail } from "./emailContent" with { type: "ref" };
import { EMAIL_FROM, EMAIL_VERIFICATION_PAGE, PASSWORD_RESET_PAGE } from "./authPaths";

export const authConfig = {
  userEntity: "User",
  methods: {
    email: {
      fromField: EMAIL_FROM,
      userSignupFields,
      emailVerification: {
        clientRoute: "EmailVerificationRoute",
        getEmailContentFn: verificationEmail,
      },
      passwordReset: { clientRoute: "PasswordResetRoute", getEmailContentFn: passwordResetEmail },
    },
  },
  onBeforeLogin,
  onAfterLogin,
  onAfterSignup,
  onAfterEmailVerified,
  onAuthSucceededRedirectTo: "/",
  onAuthFailedRedirectTo: "/login",
} as const;

export const authSpec = [
  route("LoginRoute", "/login", page(LoginPage)),
  route("SignupRoute", "/signup", page(SignupPage)),
  route("RequestPasswordResetRoute", "/request-password-reset", page(RequestPasswordResetPage)),
  route("PasswordResetRoute", PASSWORD_RESET_PAGE, page(PasswordResetPage)),
  route("EmailVerificationRoute", EMAIL_VERIFICATION_PAGE, page(EmailVerificationPage)),
];
