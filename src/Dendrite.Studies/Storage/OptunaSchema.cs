namespace Dendrite.Studies;

/// <summary>
/// The tables of Optuna 3.1's RDB storage (alembic revision <c>v3.0.0.d</c>, schema version 12), written by Dendrite
/// when a study storage is new so that <c>optuna.load_study</c> and optuna-dashboard read a Dendrite study.
/// </summary>
/// <remarks>
/// The DDL was read off an empty study that Debian's <c>python3-optuna</c> 3.1.0 created (<c>.schema</c> in SQLite,
/// <c>pg_dump -s</c> in PostgreSQL). Integer keys autoincrement (SQLite's INTEGER PRIMARY KEY, PostgreSQL's SERIAL);
/// the state, direction and value-type columns are VARCHAR in SQLite and enum types in PostgreSQL, as SQLAlchemy makes
/// them. See docs/STUDIES.md for what Dendrite writes into each table.
/// </remarks>
internal static class OptunaSchema
{
    /// <summary>Optuna's alembic revision for the 3.0/3.1 schema.</summary>
    public const string AlembicRevision = "v3.0.0.d";

    /// <summary>The <c>version_info.schema_version</c> Optuna 3.1 writes.</summary>
    public const int SchemaVersion = 12;

    /// <summary>The Optuna version Dendrite's layout matches, written to <c>version_info.library_version</c>.</summary>
    public const string LibraryVersion = "3.1.0";

    /// <summary>The statements that create every table, in dependency order.</summary>
    /// <param name="postgres">PostgreSQL (enum types, SERIAL keys, TIMESTAMP) rather than SQLite.</param>
    public static IEnumerable<string> Statements(bool postgres)
    {
        string id = postgres ? "SERIAL NOT NULL" : "INTEGER NOT NULL";
        string time = postgres ? "TIMESTAMP WITHOUT TIME ZONE" : "DATETIME";
        string Enum(string type, int width) => postgres ? type : $"VARCHAR({width})";
        if (postgres)
        {
            yield return "CREATE TYPE studydirection AS ENUM ('NOT_SET', 'MINIMIZE', 'MAXIMIZE')";
            yield return "CREATE TYPE trialstate AS ENUM ('RUNNING', 'COMPLETE', 'PRUNED', 'FAIL', 'WAITING')";
            yield return "CREATE TYPE trialvaluetype AS ENUM ('FINITE', 'INF_POS', 'INF_NEG')";
            yield return "CREATE TYPE trialintermediatevaluetype AS ENUM ('FINITE', 'INF_POS', 'INF_NEG', 'NAN')";
        }
        yield return $"CREATE TABLE studies (study_id {id}, study_name VARCHAR(512) NOT NULL, PRIMARY KEY (study_id))";
        yield return "CREATE UNIQUE INDEX ix_studies_study_name ON studies (study_name)";
        yield return "CREATE TABLE version_info (version_info_id INTEGER NOT NULL, schema_version INTEGER, library_version VARCHAR(256), " +
                     "PRIMARY KEY (version_info_id), CHECK (version_info_id=1))";
        yield return $"CREATE TABLE study_directions (study_direction_id {id}, direction {Enum("studydirection", 8)} NOT NULL, " +
                     "study_id INTEGER NOT NULL, objective INTEGER NOT NULL, PRIMARY KEY (study_direction_id), " +
                     "UNIQUE (study_id, objective), FOREIGN KEY(study_id) REFERENCES studies (study_id))";
        foreach (var statement in Attributes("study", "studies", id)) yield return statement;
        yield return $"CREATE TABLE trials (trial_id {id}, number INTEGER, study_id INTEGER, state {Enum("trialstate", 8)} NOT NULL, " +
                     $"datetime_start {time}, datetime_complete {time}, PRIMARY KEY (trial_id), FOREIGN KEY(study_id) REFERENCES studies (study_id))";
        foreach (var statement in Attributes("trial", "trials", id)) yield return statement;
        yield return $"CREATE TABLE trial_params (param_id {id}, trial_id INTEGER, param_name VARCHAR(512), param_value FLOAT, " +
                     "distribution_json TEXT, PRIMARY KEY (param_id), UNIQUE (trial_id, param_name), FOREIGN KEY(trial_id) REFERENCES trials (trial_id))";
        yield return $"CREATE TABLE trial_values (trial_value_id {id}, trial_id INTEGER NOT NULL, objective INTEGER NOT NULL, value FLOAT, " +
                     $"value_type {Enum("trialvaluetype", 7)} NOT NULL, PRIMARY KEY (trial_value_id), UNIQUE (trial_id, objective), " +
                     "FOREIGN KEY(trial_id) REFERENCES trials (trial_id))";
        yield return $"CREATE TABLE trial_intermediate_values (trial_intermediate_value_id {id}, trial_id INTEGER NOT NULL, step INTEGER NOT NULL, " +
                     $"intermediate_value FLOAT, intermediate_value_type {Enum("trialintermediatevaluetype", 7)} NOT NULL, " +
                     "PRIMARY KEY (trial_intermediate_value_id), UNIQUE (trial_id, step), FOREIGN KEY(trial_id) REFERENCES trials (trial_id))";
        yield return $"CREATE TABLE trial_heartbeats (trial_heartbeat_id {id}, trial_id INTEGER NOT NULL, heartbeat {time} NOT NULL, " +
                     "PRIMARY KEY (trial_heartbeat_id), UNIQUE (trial_id), FOREIGN KEY(trial_id) REFERENCES trials (trial_id))";
        yield return "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))";
        yield return $"INSERT INTO version_info (version_info_id, schema_version, library_version) VALUES (1, {SchemaVersion}, '{LibraryVersion}')";
        yield return $"INSERT INTO alembic_version (version_num) VALUES ('{AlembicRevision}')";
    }

    /// <summary>The user and system attribute tables of studies or trials: (id, owner id, key, value_json), unique per owner and key.</summary>
    private static IEnumerable<string> Attributes(string owner, string table, string id)
    {
        foreach (var kind in new[] { "user", "system" })
            yield return $"CREATE TABLE {owner}_{kind}_attributes ({owner}_{kind}_attribute_id {id}, {owner}_id INTEGER, " +
                         $"\"key\" VARCHAR(512), value_json TEXT, PRIMARY KEY ({owner}_{kind}_attribute_id), UNIQUE ({owner}_id, \"key\"), " +
                         $"FOREIGN KEY({owner}_id) REFERENCES {table} ({owner}_id))";
    }
}
