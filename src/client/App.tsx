import { Link, NavLink, Outlet } from "react-router";
import { logout, useAuth } from "wasp/client/auth";
import { HeaderSearch } from "./HeaderSearch";
import "./App.css";
// Components the server also renders (the post page's first paint) import no CSS: theirs is here.
import "./components/avatar.css";
import "../markdown/markdown.css";
import "./header.css";

export function App() {
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <Header />
      <main id="main" className="container" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}

function Header() {
  const { data: user, isLoading } = useAuth();
  return (
    <header className="site-header">
      <nav className="container nav" aria-label="Main">
        <Link to="/" className="brand">
          Inkwell
        </Link>
        <HeaderSearch />
        {/* A fixed-height slot: the header does not jump while the session loads. */}
        <div className="nav-actions">
          {isLoading ? null : user ? (
            <>
              <NavLink to="/editor">Write</NavLink>
              <NavLink to={`/@${user.username}`} className="nav-user">
                <span className="nav-user-prefix">Signed in as </span>
                {user.name}
              </NavLink>
              <NavLink to="/settings">Settings</NavLink>
              {user.role === "ADMIN" && <NavLink to="/admin">Moderation</NavLink>}
              <button type="button" className="button secondary" onClick={() => logout()}>
                Log out
              </button>
            </>
          ) : (
            <>
              <NavLink to="/login">Log in</NavLink>
              <Link to="/signup" className="button">
                Sign up
              </Link>
            </>
          )}
        </div>
      </nav>
    </header>
  );
}
