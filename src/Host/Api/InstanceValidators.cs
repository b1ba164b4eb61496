using FluentValidation;
using Skein.Host.Engine;

namespace Skein.Host.Api;

/// <summary>Validates a create request's id (params are checked against the workflow's type by the engine).</summary>
internal sealed class CreateInstanceRequestValidator : AbstractValidator<CreateInstanceRequest>
{
    public CreateInstanceRequestValidator()
    {
        RuleFor(r => r.Id).Must(id => InstanceIds.IsValid(id!)).When(r => r.Id is not null)
            .WithMessage(r => InstanceIds.Problem(r.Id));
    }
}

/// <summary>Validates a restart request.</summary>
internal sealed class RestartRequestValidator : AbstractValidator<RestartRequest>
{
    public RestartRequestValidator()
    {
        RuleFor(r => r.From!.Name).NotEmpty().When(r => r.From is not null)
            .WithMessage("'from.name' is required when 'from' is given.");
        RuleFor(r => r.From!.Count).GreaterThanOrEqualTo(1).When(r => r.From?.Count is not null)
            .WithMessage("'from.count' counts uses of the name from 1.");
    }
}
