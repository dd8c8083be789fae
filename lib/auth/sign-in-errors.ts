// Why a sign-in was refused, as shown on the sign-in page. Only these codes travel in URLs;
// free text never does.
export const SIGN_IN_ERRORS: Record<string, string> = {
  expired: "Your sign-in expired or was already used. Please sign in again.",
  not_member: "This account is not a member of this workspace. Sign in with the account your admin invited.",
  inactive: "Your account in this workspace was deactivated. Ask an admin of the workspace to reactivate it.",
  invite: "The invitation could not be accepted: it may have been used, revoked or expired, or be meant for another e-mail address.",
  google_unverified: "Google has not verified this e-mail address, so it cannot be used to sign in.",
  unknown_workspace: "That workspace does not exist. Check its address.",
  // next-auth's own codes
  OAuthSignin: "Google sign-in could not start. Please try again.",
  OAuthCallback: "Google sign-in did not complete. Please try again.",
  OAuthAccountNotLinked: "Google sign-in did not complete. Please try again.",
  Callback: "Sign-in did not complete. Please try again.",
  AccessDenied: "This sign-in was refused.",
  CredentialsSignin: "Wrong e-mail or password.",
  Configuration: "Sign-in is not configured correctly. Please tell your DealCycle administrator.",
};

export function signInErrorMessage(code: unknown): string | null {
  if (typeof code !== "string" || !code) return null;
  return Object.hasOwn(SIGN_IN_ERRORS, code) ? SIGN_IN_ERRORS[code] : "Sign-in did not complete. Please try again.";
}

export function isSignInErrorCode(code: unknown): code is string {
  return typeof code === "string" && Object.hasOwn(SIGN_IN_ERRORS, code);
}
