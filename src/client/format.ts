// Dates as every page shows them (the reader's locale, date and time).
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export const formatDate = (date: Date | string) => dateFormat.format(new Date(date));
