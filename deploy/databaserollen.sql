-- Rights of Samenplan's two database roles (docs/productie.md, "Database: rollen, back-up
-- en herstel"). `manage.py maak_databaserollen` fills in the quoted names and runs this in
-- one transaction; `manage.py maak_databaserollen --toon-sql` prints the result.
--
--   eigenaar      the owner/migration role: owns the schema's tables, runs `migrate`
--   app           the runtime role the web server and workers connect as
--   database      the current database
--   append_only   the tables of every AppendOnlyModel (generated from the models)
--
-- The section "rollen" runs only for a superuser: it sets the roles' attributes and gives
-- the database to the owner. The section "rechten" also runs as the owner itself, which is
-- what re-running the command after each `migrate` does.

-- @rollen
ALTER ROLE {eigenaar} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT;
-- The runtime role is no member of the owner: it cannot SET ROLE to it nor inherit its rights.
ALTER ROLE {app} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT;
ALTER DATABASE {database} OWNER TO {eigenaar};

-- @rechten
-- Only the owner creates objects in the schema.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO {eigenaar};
GRANT CONNECT ON DATABASE {database} TO {app};
GRANT USAGE ON SCHEMA public TO {app};

-- Rows, never the tables themselves: no TRUNCATE, REFERENCES or TRIGGER. Revoking first
-- makes a re-run converge on exactly these rights.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {app};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app};
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {app};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app};

-- The access log and the other append-only event tables: add and read, never change.
REVOKE UPDATE, DELETE ON {append_only} FROM {app};

-- Tables that later migrations create (as the owner) get the same row rights at once;
-- an append-only table among them loses UPDATE and DELETE when this runs again.
ALTER DEFAULT PRIVILEGES FOR ROLE {eigenaar} IN SCHEMA public REVOKE ALL ON TABLES FROM {app};
ALTER DEFAULT PRIVILEGES FOR ROLE {eigenaar} IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app};
ALTER DEFAULT PRIVILEGES FOR ROLE {eigenaar} IN SCHEMA public REVOKE ALL ON SEQUENCES FROM {app};
ALTER DEFAULT PRIVILEGES FOR ROLE {eigenaar} IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO {app};
