import { page, route } from "@wasp.sh/spec";
import { ProfilePage } from "./ProfilePage" with { type: "ref" };

// A person's page: their profile (users) with their posts (posts). Its own folder, above both,
// so neither feature has to know the other's pages.
export const profilesSpec = [route("ProfileRoute", "/users/:id", page(ProfilePage))];
