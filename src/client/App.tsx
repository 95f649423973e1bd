import { Link, Outlet } from "react-router";
import { logout, useAuth } from "wasp/client/auth";
import "./App.css";

export function App() {
  return (
    <>
      <Header />
      <main className="container">
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
        <div className="nav-actions">
          {isLoading ? null : user ? (
            <>
              <span className="muted">Signed in as {user.name}</span>
              <button type="button" className="button secondary" onClick={() => logout()}>
                Log out
              </button>
            </>
          ) : (
            <>
              <Link to="/login">Log in</Link>
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
