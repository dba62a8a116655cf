using Dendrite.Data;
using Dendrite.Models;
using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary><c>attention_translator</c>: <see cref="AttentionTranslator"/>, the course's date translator; its defaults fit the <c>dates</c> set.</summary>
internal sealed class AttentionTranslatorZoo : ZooKind
{
    public override string Name => "attention_translator";

    public override string Builds => "AttentionTranslator(V_in, V_out, T_y, n_a, n_s)";

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        SpecField.Int("source_vocabulary", "V_in, symbols of the Int32 source sequence", HumanDates.HumanVocabulary.Count, minimum: 1),
        SpecField.Int("target_vocabulary", "V_out, output symbols", HumanDates.MachineVocabulary.Count, minimum: 1),
        SpecField.Int("output_length", "T_y, output steps", HumanDates.OutputLength, minimum: 1),
        SpecField.Int("encoder_size", "n_a, state size of each direction of the Bi-LSTM encoder", 32, minimum: 1),
        SpecField.Int("decoder_size", "n_s, state size of the post-attention LSTM", 64, minimum: 1),
        SpecField.Bool("relu_energies", "the notebook's ReLU on the attention energies", false),
    ];

    public override Shape InputShape(SpecSettings s) => [HumanDates.InputLength];

    public override DType InputDType => DType.Int32;

    public override Module Build(SpecSettings s, Shape example, Random random)
    {
        if (example.Rank != 1)
            throw new CliException($"model.zoo: attention_translator reads sequences of symbol indices [N, T_x] but one example has shape {example}");
        return new AttentionTranslator(s.Int("source_vocabulary"), s.Int("target_vocabulary"), s.Int("output_length"), s.Int("encoder_size"),
            s.Int("decoder_size"), s.Bool("relu_energies"), random);
    }
}
