// The one normalisation of an email address into the account it names. Login, sign-up and every
// per-account rate limit use it, so `" Victim@x"`, `"victim@x\t"` or a no-break space can never
// get a fresh budget for the same account. (String#trim removes all Unicode white space; Wasp's
// own identity lookup lower-cases, so the result names the same AuthIdentity row.)
export const normalizeEmail = (email: string) => email.trim().toLowerCase();
