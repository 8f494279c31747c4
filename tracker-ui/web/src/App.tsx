import { useCallback, useEffect, useState } from "react";
import { ApiError, get, isSignedIn, signIn, signOut } from "./api";
import { BoardView } from "./views/BoardView";
import { IncidentsView } from "./views/IncidentsView";
import { StatisticsView } from "./views/StatisticsView";
import { ConfigurationView } from "./views/ConfigurationView";
import { SafetyCardPage } from "./views/SafetyCardView";
import { ParkedEventsView } from "./views/ParkedEventsView";
import { AlertingView } from "./views/AlertingView";
import type { Me } from "./types";

const VIEWS = [
  { id: "board", title: "Live board", roles: ["OPERATOR", "ANALYST", "MANAGER", "ADMIN"] },
  { id: "incidents", title: "Incidents", roles: ["OPERATOR", "ANALYST", "MANAGER", "ADMIN"] },
  { id: "statistics", title: "Statistics", roles: ["ANALYST", "MANAGER", "ADMIN"] },
  { id: "configuration", title: "Configuration", roles: ["OPERATOR", "ANALYST", "MANAGER", "ADMIN"] },
  // /api/admin/parked is for admins only (SecurityConfiguration)
  { id: "parked", title: "Parked events", roles: ["ADMIN"] },
  // /api/alerting: operators and admins read and silence; admins change routes and retry deliveries
  { id: "alerting", title: "Alerting", roles: ["OPERATOR", "ADMIN"] },
  // reached from the board and the configuration, not from the menu
  { id: "card", title: "Safety card", roles: ["OPERATOR", "ANALYST", "MANAGER", "ADMIN"], hidden: true },
] as { id: string; title: string; roles: string[]; hidden?: boolean }[];

function useHash(): [string, (h: string) => void] {
  const [hash, setHash] = useState(window.location.hash.slice(1));
  useEffect(() => {
    const onChange = () => setHash(window.location.hash.slice(1));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return [
    hash,
    (h: string) => {
      window.location.hash = h;
    },
  ];
}

export function App() {
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(isSignedIn());
  const [hash, navigate] = useHash();

  const loadMe = useCallback(async () => {
    try {
      setMe(await get<Me>("/api/me"));
      setError(null);
    } catch (e) {
      signOut();
      setMe(null);
      setError(e instanceof ApiError ? e.message : "The server cannot be reached.");
    } finally {
      setChecking(false);
    }
  }, []);

  useEffect(() => {
    if (isSignedIn()) loadMe();
  }, [loadMe]);

  if (checking) return <p className="loading">Signing in…</p>;
  if (!me) {
    return (
      <SignIn
        error={error}
        onSubmit={(u, p) => {
          signIn(u, p);
          setChecking(true);
          loadMe();
        }}
      />
    );
  }

  const [view, ...rest] = (hash || "board").split("/");
  const allowed = VIEWS.filter((v) => v.roles.some((r) => me.roles.includes(r)));
  const current = allowed.find((v) => v.id === view) ?? allowed[0];

  return (
    <div className="app">
      <header className="topbar">
        <img className="brand" src="/favicon.svg" alt="" width={22} height={22} />
        <strong className="product">Barrier-failure tracker</strong>
        <nav aria-label="Views">
          {allowed
            .filter((v) => !v.hidden)
            .map((v) => (
              <a key={v.id} href={`#${v.id}`} aria-current={current?.id === v.id ? "page" : undefined}>
                {v.title}
              </a>
            ))}
        </nav>
        <span className="who">
          {me.username} · {me.roles.join(", ").toLowerCase()}
        </span>
        <button
          type="button"
          className="link"
          onClick={() => {
            signOut();
            setMe(null);
          }}
        >
          Sign out
        </button>
      </header>
      <main>
        {!current && <p className="empty">Your role ({me.roles.join(", ")}) has no views here.</p>}
        {current?.id === "board" && <BoardView me={me} />}
        {current?.id === "incidents" && (
          <IncidentsView
            me={me}
            selected={rest.join("/") || null}
            onSelect={(id) => navigate(id ? `incidents/${id}` : "incidents")}
          />
        )}
        {current?.id === "statistics" && <StatisticsView me={me} />}
        {current?.id === "configuration" && <ConfigurationView me={me} />}
        {current?.id === "parked" && <ParkedEventsView />}
        {current?.id === "alerting" && <AlertingView me={me} />}
        {current?.id === "card" &&
          (rest.length > 0 && rest[0] ? (
            <SafetyCardPage systemId={decodeURIComponent(rest.join("/"))} />
          ) : (
            <p className="empty">Choose a system on the board or in the configuration to see its safety card.</p>
          ))}
      </main>
    </div>
  );
}

function SignIn({ error, onSubmit }: { error: string | null; onSubmit: (u: string, p: string) => void }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  return (
    <main className="signin">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(username, password);
        }}
        aria-labelledby="signin-title"
      >
        <h1 id="signin-title">
          <img src="/favicon.svg" alt="" width={26} height={26} /> Barrier-failure tracker
        </h1>
        <p className="hint">Sign in to watch the fleet's barriers.</p>
        <label>
          User name
          <input
            name="username"
            autoComplete="username"
            value={username}
            autoFocus
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}
