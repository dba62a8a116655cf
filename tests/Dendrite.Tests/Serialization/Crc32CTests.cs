using System.Text;
using Dendrite.Serialization;
using Dendrite.Tests.Serialization.TensorBoard;

namespace Dendrite.Tests.Serialization;

public sealed class Crc32CTests
{
    [Fact]
    public void The_check_value_of_123456789_is_E3069283()
    {
        byte[] check = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xE3069283u, Crc32C.Compute(check));
        Assert.Equal(0xE3069283u, EventFileReader.Crc32C(check)); // the test's own bitwise CRC agrees
        Assert.Equal(0u, Crc32C.Compute([]));
    }

    [Fact]
    public void The_table_and_hardware_paths_match_the_bitwise_definition_on_every_length_up_to_300()
    {
        var random = new Random(5);
        for (int n = 0; n <= 300; n++)
        {
            var data = new byte[n];
            random.NextBytes(data);
            Assert.Equal(EventFileReader.Crc32C(data), Crc32C.Compute(data));
            Assert.Equal(EventFileReader.MaskedCrc(data), Crc32C.Masked(data));
        }
    }

    [Fact]
    public void The_mask_rotates_right_by_15_and_adds_the_constant()
    {
        Assert.Equal(0xA282EAD8u, Crc32C.Mask(0));
        Assert.Equal(0xA282EAD8u + 0x20000u, Crc32C.Mask(1));      // bit 0 rotated right by 15 lands on bit 17
        Assert.Equal(0xA282EAD8u + 1u, Crc32C.Mask(0x8000));       // bit 15 lands on bit 0
        Assert.Equal(unchecked(0xFFFFFFFFu + 0xA282EAD8u), Crc32C.Mask(0xFFFFFFFF)); // wraps modulo 2³²
    }
}
