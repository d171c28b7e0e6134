import OktaCore

/// The `--help` text.
enum Usage {
    static let text = """
        okta-connect \(OktaConnectVersion.current): connect an Okta org with an API token, sync \
        its users and browse them.

        Usage:
          okta-connect [--demo]                 open the terminal UI (guided setup, status, users)
          okta-connect connect --domain D [--token-stdin] [--json]
                                                test a token and save the connection
          okta-connect test [--json]            re-run the connection check
          okta-connect status [--json]          show the saved connection (no network)
          okta-connect disconnect [--purge]     forget the token (--purge: and synced users)
          okta-connect sync [--full] [--json]   fetch users into the local store
          okta-connect users [filters] [--sort KEY] [--desc] [--format table|csv|json]
                                                list synced users (no network)
          okta-connect browse                   open the users browser

        Users filters: --status S (repeatable; STAGED, PROVISIONED, ACTIVE, RECOVERY,
          PASSWORD_EXPIRED, LOCKED_OUT, SUSPENDED or DEPROVISIONED), --search TEXT,
          --inactive-days N, --never-logged-in, --include-removed; sort keys: name, login,
          status, last-login, created. --json is --format json.

        The token is read from standard input (--token-stdin), from OKTA_CLIENT_TOKEN, or typed
        at a hidden prompt; never from the command line.

        Global options (before or after the command):
          --home DIR               state directory (default: $OKTA_CONNECT_HOME, else XDG dirs)
          --demo                   use the built-in simulated org (its own state directory)
          --rate-limit-share N     use at most N% of Okta's rate limits (default 50)
          --no-color               no colours (NO_COLOR is honoured too)
          --help, --version

        Exit codes: 0 ok; 1 unexpected failure; 2 bad usage or input; 3 not connected;
          4 token rejected, reconnect needed; 5 permission missing; 6 org unreachable or not
          an Okta org; 7 Okta kept failing (429/5xx after retries).
        """
}
