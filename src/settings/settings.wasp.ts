import { action, page, query, route } from "@wasp.sh/spec";
import { changePassword, getAccount, updateAccount } from "./operations" with { type: "ref" };
import { SettingsPage } from "./SettingsPage" with { type: "ref" };

export const settingsSpec = [
  route("SettingsRoute", "/settings", page(SettingsPage, { authRequired: true })),
  query(getAccount, { entities: ["User"] }),
  // User: the header's name and every user query follow; Post: feeds show authors' handles.
  action(updateAccount, { entities: ["User", "Post"] }),
  action(changePassword, { entities: ["User"] }),
];
