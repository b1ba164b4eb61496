using System.Reflection;
using System.Reflection.Emit;

namespace Skein.Host.Plugins.Validation;

/// <summary>
/// The operand kind of every IL opcode, so method bodies can be walked instruction by instruction. Built from the
/// runtime's own <see cref="OpCodes"/> table rather than a hand-typed copy.
/// </summary>
internal static class ILOpCodeTable
{
    public const int TwoBytePrefix = 0xFE;

    private static readonly (OperandType?[] OneByte, OperandType?[] TwoByte) Table = Build();

    /// <summary>The operand kind of an opcode, or null when the bytes are not a valid opcode.</summary>
    public static OperandType? Operand(int first, int second) =>
        first == TwoBytePrefix ? Table.TwoByte[second] : Table.OneByte[first];

    /// <summary>The operand's size in bytes, except <c>switch</c>, whose size depends on its count.</summary>
    public static int OperandSize(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    private static (OperandType?[] OneByte, OperandType?[] TwoByte) Build()
    {
        var oneByte = new OperandType?[256];
        var twoByte = new OperandType?[256];
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.GetValue(null) is OpCode opCode)
            {
                var value = (ushort)opCode.Value;
                (opCode.Size == 1 ? oneByte : twoByte)[value & 0xFF] = opCode.OperandType;
            }
        }

        return (oneByte, twoByte);
    }
}
