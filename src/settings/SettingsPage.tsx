import { getAccount, useQuery } from "wasp/client/operations";
import { LoadError, Loading } from "../client/components/Status";
import { usePageTitle } from "../client/usePageTitle";
import { PasswordForm } from "./PasswordForm";
import { ProfileForm } from "./ProfileForm";
import "./settings.css";

export function SettingsPage() {
  usePageTitle("Settings");
  const account = useQuery(getAccount);
  return (
    <main className="settings-page stack">
      <h1>Settings</h1>
      {account.isLoading && <Loading label="Loading your account…" />}
      {account.error && <LoadError error={account.error} what="your account" />}
      {account.data && (
        <>
          {/* Not keyed by the row: a save's refetch must not wipe its own "Saved." */}
          <ProfileForm account={account.data} />
          <PasswordForm />
        </>
      )}
    </main>
  );
}
