// Course 4, week 4 (face recognition) with digits as identities: an EmbeddingNet trained with online semi-hard triplet
// mining on digits 0–6 verifies and identifies digits 7–9, which it never saw, through the course's verify / who_is_it.
// Run: dotnet run -c Release --project examples/FaceVerification [steps]   (needs ../shared/data or DENDRITE_DATA)
using Dendrite;
using Dendrite.Data;
using Dendrite.Optim;
using Dendrite.Vision;

int steps = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100;
const int Identities = 7, PerIdentity = 300, K = 10;
var (trainX, trainY) = Mnist.Load(train: true, flatten: false);   // X [60000, 1, 28, 28] in [0, 1]
var (testX, testY) = Mnist.Load(train: false, flatten: false);
var trainLabels = trainY.ToArray<int>();
var rows = Enumerable.Range(0, Identities).SelectMany(c => Enumerable.Range(0, trainLabels.Length).Where(i => trainLabels[i] == c).Take(PerIdentity)).ToArray();
var images = trainX.SelectRows(rows);   // PerIdentity images of each digit 0–6, digit by digit

// Training: P×K batches (K images of each of the 7 identities); the triplets are mined from each batch's distances.
var model = new EmbeddingNet(32, random: new Random(1));
var loss = new OnlineTripletLoss(margin: 0.2, TripletMining.SemiHard);
var optimizer = new Adam(model.Parameters(), 0.002);
var random = new Random(2);
var batchLabels = Tensor.FromArray(Enumerable.Range(0, Identities * K).Select(i => i / K).ToArray());
for (int step = 1; step <= steps; step++)
{
    var batch = Enumerable.Range(0, Identities).SelectMany(c => Enumerable.Range(0, K).Select(_ => c * PerIdentity + random.Next(PerIdentity))).ToArray();
    optimizer.ZeroGrad();
    var j = loss.Compute(model.Call(images.SelectRows(batch)), batchLabels);
    j.Backward();
    optimizer.Step();
    if (step % 25 == 0) Console.WriteLine($"step {step,4}: triplet loss {j.Item():F4}");
}

// Verification: the threshold chosen on pairs of one half of the test images, its accuracy read on the other half.
var testLabels = testY.ToArray<int>();
double threshold = 0;   // left at the unseen digits' choice
foreach (var (name, lo, hi) in new[] { ("trained digits 0–6", 0, 7), ("unseen digits 7–9", 7, 10) })
{
    var listed = Enumerable.Range(0, testLabels.Length).Where(i => testLabels[i] >= lo && testLabels[i] < hi).ToArray();
    var codes = Embeddings.Encode(model, testX.SelectRows(listed));
    var (validation, held) = (Half(codes, listed, 0), Half(codes, listed, 1));
    var validationPairs = VerificationPairs.Balanced(validation.Y, 1000, new Random(3));
    var heldPairs = VerificationPairs.Balanced(held.Y, 1000, new Random(4));
    var choice = VerificationPairs.BestThreshold(VerificationPairs.Distances(validation.E, validationPairs), validationPairs);
    double accuracy = VerificationPairs.Accuracy(VerificationPairs.Distances(held.E, heldPairs), heldPairs, threshold = choice.Threshold);
    Console.WriteLine($"{name}: threshold {choice.Threshold:F3}, held-out verification accuracy {accuracy:F3} on 2×1000 balanced pairs");
}

// The course's database: one reference image per unseen digit, then verify and who_is_it on test images.
var database = new IdentityDatabase(model, threshold);
foreach (int digit in new[] { 7, 8, 9 }) database.Add(digit.ToString(), testX.SelectRows([Array.IndexOf(testLabels, digit)]));
var queries = Enumerable.Range(0, testLabels.Length).Where(i => testLabels[i] >= 7).Skip(100).Take(600).ToArray();
int right = queries.Count(i => database.Identify(testX.SelectRows([i])).Nearest == testLabels[i].ToString());
var probe = queries[0];
var verdict = database.Verify(testX.SelectRows([probe]), "7");
Console.WriteLine($"verify(image of a {testLabels[probe]}, \"7\"): distance {verdict.Distance:F3}, door open: {verdict.Match}");
Console.WriteLine($"who_is_it on {queries.Length} images of 7–9 against one reference each: {(double)right / queries.Length:P1} right");

(Tensor E, int[] Y) Half(Tensor codes, int[] listed, int parity)
{
    var half = Enumerable.Range(0, listed.Length).Where(i => i % 2 == parity).ToArray();
    return (codes.SelectRows(half), half.Select(i => testLabels[listed[i]]).ToArray());
}
