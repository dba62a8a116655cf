using System.Globalization;
using Dendrite.Studies;
using Dendrite.Tests.Support;
using Dendrite.Training;

namespace Dendrite.Tests.Studies;

/// <summary>The tables and the distribution encoding Dendrite writes, against what Debian's Optuna 3.1 itself creates.</summary>
public sealed class OptunaSchemaTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dendrite-schema-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Every table's columns (name, type, not-null, primary key), indexes and unique constraints, and the version rows, one line each.</summary>
    private const string DescribeSchema = """
        import sqlite3, sys
        c = sqlite3.connect(sys.argv[1])
        for (t,) in c.execute("select name from sqlite_master where type = 'table' order by name"):
            for col in c.execute(f"pragma table_info('{t}')"):
                print(t, col[1], col[2], col[3], col[5])
            for ix in c.execute(f"pragma index_list('{t}')"):
                print(t, "index", ix[2], ",".join(r[2] for r in c.execute(f"pragma index_info('{ix[1]}')")))
            for fk in c.execute(f"pragma foreign_key_list('{t}')"):
                print(t, "fk", fk[2], fk[3], fk[4])
        print(list(c.execute("select * from version_info")), list(c.execute("select * from alembic_version")))
        """;

    [OptunaFact]
    public void Dendrite_creates_the_tables_optuna_3_1_creates()
    {
        OptunaFactAttribute.RunPython("""
            import optuna
            optuna.logging.set_verbosity(optuna.logging.WARNING)
            optuna.create_study(study_name="x", storage="sqlite:///optuna.db")
            """, _folder);
        Study.CreateOrJoin(StudyStorage.Open($"sqlite:///{_folder}/dendrite.db"), "x", maximize: false);
        string Describe(string file) => Command.Succeed(NumpyFactAttribute.Python, ["-c", DescribeSchema, file], _folder);
        string optuna = Describe("optuna.db");
        Assert.Contains("v3.0.0.d", optuna);
        Assert.Equal(optuna, Describe("dendrite.db"));
    }

    [OptunaFact]
    public void Distributions_are_encoded_as_optuna_encodes_them()
    {
        var cases = new (SearchDimension Dimension, object Value, string Optuna)[]
        {
            (new LogUniform(1e-4, 0.1), 0.003, "FloatDistribution(1e-4, 0.1, log=True)"),
            (new Uniform(-1, 2.5), 0.25, "FloatDistribution(-1.0, 2.5)"),
            (new OneMinusLogUniform(0.9, 0.999), 0.95, "FloatDistribution(0.9, 0.999)"),
            (new IntRange(2, 64), 17, "IntDistribution(2, 64)"),
            (new Choice<string>("relu", "tanh", "gelu"), "tanh", "CategoricalDistribution(['relu', 'tanh', 'gelu'])"),
            (new Choice<int>(8, 16, 32), 32, "CategoricalDistribution([8, 16, 32])"),
        };
        var lines = cases.Select(c =>
        {
            var (internalValue, json) = OptunaDistribution.Encode(c.Dimension, c.Dimension, c.Value);
            return $"check('{json}', {internalValue.ToString("R", CultureInfo.InvariantCulture)}, {c.Optuna})";
        });
        string printed = OptunaFactAttribute.RunPython($"""
            from optuna.distributions import *
            def check(js, internal, expected):
                d = json_to_distribution(js)
                assert d == expected, (d, expected)
                print(repr(d.to_external_repr(internal)))
            {string.Join("\n", lines)}
            """, _folder);
        Assert.Equal(["0.003", "0.25", "0.95", "17", "'tanh'", "32"], printed.Trim().Split('\n'));
    }
}
