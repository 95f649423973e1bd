// Shared by the client form and the server schema so both say the same thing.
export const TITLE_MAX = 200;
export const CONTENT_MAX = 20_000;
