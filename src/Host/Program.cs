using Skein.Host;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSkeinHost(builder.Configuration);
var app = builder.Build();
app.MapSkeinHost();
app.Run();
