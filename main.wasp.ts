import { app, page, route } from "@wasp.sh/spec";
import { App } from "./src/client/App" with { type: "ref" };
import { setUpPrisma } from "./src/server/prisma" with { type: "ref" };
import { authSpec, authConfig } from "./src/auth/auth.wasp";
import { postsSpec } from "./src/posts/posts.wasp";
import { editorSpec } from "./src/posts/editor/editor.wasp";
import { settingsSpec } from "./src/settings/settings.wasp";
import { favoritesSpec } from "./src/posts/favorites.wasp";
import { commentsSpec } from "./src/comments/comments.wasp";
import { readingSpec } from "./src/reading/reading.wasp";
import { discoverySpec } from "./src/posts/discovery.wasp";
import { usersSpec } from "./src/users/users.wasp";
import { profilesSpec } from "./src/profiles/profiles.wasp";
import { moderationSpec } from "./src/moderation/moderation.wasp";
import { v1Spec } from "./src/api/v1/v1.wasp";
import { realworldSpec } from "./src/api/realworld/realworld.wasp";
import { serverEnvSchema } from "./src/shared/env" with { type: "ref" };
import { setUpServer } from "./src/app/setup" with { type: "ref" };
import { serverMiddleware } from "./src/app/middleware" with { type: "ref" };
import { auditSpec } from "./src/audit/audit.wasp";
import { setUpClient } from "./src/client/setup" with { type: "ref" };
import { FeedPage } from "./src/posts/FeedPage" with { type: "ref" };

export default app({
  name: "inkwell",
  wasp: { version: "^0.25.0" },
  title: "Inkwell",
  head: [
    "<link rel='icon' href='/favicon.ico' />",
    // Before the app's modules: keeps Zod's eval probe from tripping the pages' CSP. Deferred,
    // so it no longer blocks the first paint: deferred and module scripts run in document
    // order once the HTML is parsed, so it still runs before the app's modules.
    "<script defer src='/zod-jitless.js'></script>",
    "<meta name='description' content='Inkwell: read and write long-form posts, follow writers, join the conversation.' />",
    "<meta name='theme-color' content='#f7f7f4' media='(prefers-color-scheme: light)' />",
    "<meta name='theme-color' content='#121419' media='(prefers-color-scheme: dark)' />",
    // Subscriptions without an account: feed readers find the site's feeds from any page.
    "<link rel='alternate' type='application/rss+xml' title='Inkwell (RSS)' href='/feed.xml' />",
    "<link rel='alternate' type='application/atom+xml' title='Inkwell (Atom)' href='/atom.xml' />",
  ],
  db: { prismaSetupFn: setUpPrisma },
  auth: authConfig,
  // Development prints emails (verification, password reset) to the server log. Production
  // builds are made with EMAIL_SENDER=SMTP and send through SMTP_HOST/PORT/USERNAME/PASSWORD
  // (see README, "Email"); Wasp refuses to build for production with the Dummy sender.
  emailSender: { provider: process.env.EMAIL_SENDER === "SMTP" ? "SMTP" : "Dummy" },
  client: { rootComponent: App, setupFn: setUpClient },
  server: {
    setupFn: setUpServer,
    middlewareConfigFn: serverMiddleware,
    envValidationSchema: serverEnvSchema,
  },
  spec: [
    route("HomeRoute", "/", page(FeedPage), { prerender: true }),
    authSpec,
    postsSpec,
    editorSpec,
    settingsSpec,
    favoritesSpec,
    commentsSpec,
    readingSpec,
    discoverySpec,
    usersSpec,
    profilesSpec,
    moderationSpec,
    auditSpec,
    ...v1Spec,
    ...realworldSpec,
  ],
});
