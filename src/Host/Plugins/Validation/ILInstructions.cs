using System.Reflection.Emit;
using System.Reflection.Metadata;

namespace Skein.Host.Plugins.Validation;

/// <summary>Walks a method body's IL and returns the instructions that carry a metadata token.</summary>
internal static class ILInstructions
{
    /// <summary>The <c>calli</c> opcode: an indirect call through a function pointer.</summary>
    public const int Calli = 0x29;

    /// <summary>Each token-carrying instruction as (opcode, token); <c>calli</c> carries its call-site signature.</summary>
    /// <exception cref="BadImageFormatException">The IL is truncated or holds an undefined opcode.</exception>
    public static List<(int OpCode, int Token)> WithTokens(MethodBodyBlock body)
    {
        var found = new List<(int, int)>();
        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            int opCode = il.ReadByte();
            var second = opCode == ILOpCodeTable.TwoBytePrefix ? il.ReadByte() : 0;
            var operand = ILOpCodeTable.Operand(opCode, second)
                ?? throw new BadImageFormatException($"Undefined IL opcode 0x{opCode:X2} at offset {il.Offset - 1}.");
            if (opCode == ILOpCodeTable.TwoBytePrefix)
            {
                opCode = (opCode << 8) | second;
            }

            switch (operand)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType
                    or OperandType.InlineSig:
                    found.Add((opCode, il.ReadInt32()));
                    break;
                case OperandType.InlineSwitch:
                    var targets = il.ReadUInt32();
                    if (targets > (uint)il.RemainingBytes / 4)
                    {
                        throw new BadImageFormatException("IL ends inside a switch table.");
                    }

                    Skip(ref il, (int)targets * 4);
                    break;
                default:
                    Skip(ref il, ILOpCodeTable.OperandSize(operand));
                    break;
            }
        }

        return found;
    }

    private static void Skip(ref BlobReader il, int bytes)
    {
        if (bytes > il.RemainingBytes)
        {
            throw new BadImageFormatException("IL ends inside an instruction.");
        }

        il.Offset += bytes;
    }
}
