// Shared by the sign-up form (client) and userSignupFields (server).
export const NAME_MAX = 80;
