using Dendrite.NN;
using Dendrite.Vision;

namespace Dendrite.Tests.Vision.Verification;

/// <summary>The course's <c>verify</c> and <c>who_is_it</c> on hand-made encoders whose distances are worked out by hand.</summary>
public class IdentityDatabaseTests
{
    /// <summary>A 1×1×2 "image" whose encoding is its two pixels.</summary>
    private static Tensor Image(double a, double b) => Tensor.FromArray(new[] { (float)a, (float)b }, [1, 1, 2]);

    private static IdentityDatabase Database()
    {
        var database = new IdentityDatabase(new Flatten());
        database.Add("alice", Image(0, 0));
        database.Add("bob", Image(3, 4));
        return database;
    }

    [Fact]
    public void Verify_opens_the_door_below_the_threshold()
    {
        var database = Database();
        var near = database.Verify(Image(0.3, 0.4), "alice"); // ‖(0.3, 0.4)‖ = 0.5 < 0.7
        Assert.Equal(0.5, near.Distance, 6);
        Assert.True(near.Match);
        var far = database.Verify(Image(0.3, 0.4), "bob");    // ‖(2.7, 3.6)‖ = 4.5
        Assert.Equal(4.5, far.Distance, 5);
        Assert.False(far.Match);
        Assert.False(database.Verify(Image(0.45, 0.6), "alice").Match);  // 0.75 is not below 0.7
        Assert.Throws<KeyNotFoundException>(() => database.Verify(Image(0, 0), "carol"));
    }

    [Fact]
    public void Identify_names_the_nearest_identity_or_nobody()
    {
        var database = Database();
        var bob = database.Identify(Image(2.9, 4.1));
        Assert.Equal(("bob", "bob"), (bob.Identity, bob.Nearest));
        Assert.Equal(Math.Sqrt(0.02), bob.Distance, 6);
        var stranger = database.Identify(Image(10, 10)); // nearest is bob at √(49 + 36)
        Assert.False(stranger.IsKnown);
        Assert.Equal("bob", stranger.Nearest);
        Assert.Equal(Math.Sqrt(85), stranger.Distance, 5);
        database.Threshold = 10;
        Assert.Equal("bob", database.Identify(Image(10, 10)).Identity);
    }

    [Fact]
    public void Adding_a_name_again_replaces_its_reference()
    {
        var database = Database();
        database.Add("alice", Image(1, 1));
        Assert.Equal(["alice", "bob"], database.Names);
        Assert.Equal([1.0, 1.0], database.EncodingOf("alice"));
    }

    [Fact]
    public void Encoding_runs_in_evaluation_mode_and_restores_training()
    {
        // Dropout would scramble a training-mode encoding; eval mode makes it the identity.
        var encoder = new Sequential(new Flatten(), new Dropout(0.5, seed: 3));
        var database = new IdentityDatabase(encoder);
        database.Add("x", Image(0.25, -1));
        Assert.Equal([0.25, -1.0], database.EncodingOf("x"));
        Assert.True(encoder.IsTraining);
    }

    [Fact]
    public void Encodings_of_another_length_and_batches_of_images_are_refused()
    {
        var database = Database();
        var e = Assert.Throws<ArgumentException>(() => database.AddEncoding("carol", [1.0, 2, 3]));
        Assert.Contains("carol", e.Message);
        Assert.Throws<ArgumentException>(() => database.Verify(Tensor.Zeros([2, 1, 1, 2]), "alice"));
    }
}
