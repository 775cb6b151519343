"""`skillpath mcp`: the tools, resources and prompt served over stdio with the MCP SDK's
low-level server, which takes each tool's JSON Schemas as they are written.

Only this module imports the SDK, and only `skillpath mcp` imports this module. While it
serves, stdout carries the protocol alone: the SDK points file descriptor 1 at stderr for
everything else, and the notes and warnings a command would print go into the answers.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

import anyio
import mcp.types as types
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server
from mcp.shared.exceptions import MCPError

from skillpath import __version__
from skillpath.assistant import resources
from skillpath.assistant.calls import Answer, Host, Tool, call
from skillpath.assistant.tools import tools
from skillpath.errors import EXIT_INTERRUPTED, SkillpathError
from skillpath.framework.names import resolve_name

INSTRUCTIONS = (
    "skillpath answers from a career skills framework (skills, roles, a ladder of levels) "
    "and keeps the person's plan: which checklist items they started, covered (with "
    "evidence) or skipped. Skills, roles and levels are named by id, name or alias. Where "
    "role and level are left out, the person's profile gives them. next_steps gives the "
    "checklist for the next level with item ids; progress shows what is covered. The "
    "write tools change the person's plan: ask them first."
)


def serve(host: Host, *, read_only: bool) -> None:
    """Serve over stdin and stdout until the client closes them."""
    server = build(host, read_only=read_only)

    async def run() -> None:
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(stop_at_interrupt)
            async with stdio_server() as (read_stream, write_stream):
                options = server.create_initialization_options()
                await server.run(read_stream, write_stream, options)
            tasks.cancel_scope.cancel()

    anyio.run(run)


async def stop_at_interrupt() -> None:
    """End the process at Ctrl-C, as 130. The SDK reads stdin in a thread that a
    cancellation cannot stop, so unwinding would wait for a line that never comes. Nothing
    is cut short: a tool runs whole between two turns of the loop, and this runs in one."""
    if sys.platform == "win32":  # no signal handlers in its event loop; Ctrl-C ends it
        return
    with anyio.open_signal_receiver(signal.SIGINT) as interrupts:
        async for _ in interrupts:
            sys.stderr.flush()
            os._exit(EXIT_INTERRUPTED)


def build(host: Host, *, read_only: bool) -> Server[Any]:
    served = {tool.name: tool for tool in tools(read_only=read_only)}
    listed = types.ListToolsResult(tools=[described(tool) for tool in served.values()])

    async def list_tools(ctx: Any, params: Any) -> types.ListToolsResult:
        return listed

    async def call_tool(ctx: Any, params: types.CallToolRequestParams) -> types.CallToolResult:
        tool = served.get(params.name)
        if tool is None:
            return result(Answer(unknown_tool(params.name, served, read_only), error=True))
        return result(guarded(tool, host, params.arguments))

    return Server(
        "skillpath",
        version=__version__,
        title="skillpath",
        instructions=INSTRUCTIONS,
        on_list_tools=list_tools,
        on_call_tool=call_tool,
        **resource_handlers(host),
    )


def described(tool: Tool) -> types.Tool:
    """The tool as the client lists it; a write tool is marked as one that changes things,
    so that a client asks the person first."""
    hints = types.ToolAnnotations(
        title=tool.title,
        read_only_hint=not tool.writes,
        destructive_hint=tool.writes,
        idempotent_hint=not tool.writes,
        open_world_hint=False,
    )
    return types.Tool(
        name=tool.name,
        title=tool.title,
        description=tool.description,
        input_schema=tool.input_schema(),
        output_schema=tool.output_schema(),
        annotations=hints,
    )


def guarded(tool: Tool, host: Host, arguments: dict[str, Any] | None) -> Answer:
    """call(), and a failure skillpath did not foresee as a tool error too, told on stderr in
    one line: the server goes on serving."""
    try:
        return call(tool, host, arguments)
    except Exception as error:  # a bug: the next call may well work
        told = f"{tool.name} failed unexpectedly: {type(error).__name__}: {error}"
        print(f"skillpath mcp: {told}", file=sys.stderr)
        return Answer(told, error=True)


def result(answer: Answer) -> types.CallToolResult:
    content = [types.TextContent(text=answer.text)]
    if answer.notes:
        content.append(types.TextContent(text="\n".join(answer.notes)))
    return types.CallToolResult(
        content=list(content), structured_content=answer.structured, is_error=answer.error
    )


def unknown_tool(name: str, served: dict[str, Tool], read_only: bool) -> str:
    try:
        resolve_name("tool", name, [(known, (), known) for known in served])
    except SkillpathError as error:
        message = error.message
    else:
        message = f"no tool {name!r}; tool names are spelled as listed"
    writes = read_only and name in {tool.name for tool in tools(read_only=False)}
    return message + ("; this server runs --read-only" if writes else "")


def resource_handlers(host: Host) -> dict[str, Any]:
    """The resources (each skill, the levels, the roles) and the prompt."""

    async def list_resources(ctx: Any, params: Any) -> types.ListResourcesResult:
        with host.kept_aside():
            found = refused(lambda: resources.entries(host))
        return types.ListResourcesResult(
            resources=[
                types.Resource(
                    uri=entry.uri,
                    name=entry.name,
                    title=entry.title,
                    description=entry.description,
                    mime_type="application/json",
                )
                for entry in found
            ]
        )

    async def list_templates(ctx: Any, params: Any) -> types.ListResourceTemplatesResult:
        template = types.ResourceTemplate(
            uri_template=resources.SKILL_TEMPLATE,
            name="skill",
            title="A skill's matrix",
            description="A skill by id, as `skillpath show ID --json`.",
            mime_type="application/json",
        )
        return types.ListResourceTemplatesResult(resource_templates=[template])

    async def read_resource(
        ctx: Any, params: types.ReadResourceRequestParams
    ) -> types.ReadResourceResult:
        with host.kept_aside():
            text = refused(lambda: resources.read(host, params.uri))
        contents = types.TextResourceContents(
            uri=params.uri, text=text, mime_type="application/json"
        )
        return types.ReadResourceResult(contents=[contents])

    return {
        "on_list_resources": list_resources,
        "on_list_resource_templates": list_templates,
        "on_read_resource": read_resource,
        **prompt_handlers(host),
    }


def prompt_handlers(host: Host) -> dict[str, Any]:
    who = [
        types.PromptArgument(name="role", description="The role. Default: the profile's."),
        types.PromptArgument(name="level", description="The level. Default: the profile's."),
    ]
    prompt = types.Prompt(
        name=resources.PROMPT,
        title="Plan for the next level",
        description="Draft a plan to reach the next level, from next_steps.",
        arguments=who,
    )

    async def list_prompts(ctx: Any, params: Any) -> types.ListPromptsResult:
        return types.ListPromptsResult(prompts=[prompt])

    async def get_prompt(ctx: Any, params: types.GetPromptRequestParams) -> types.GetPromptResult:
        if params.name != resources.PROMPT:
            there = f"no prompt {params.name!r}; there is {prompt.name}"
            raise MCPError(types.INVALID_PARAMS, there)
        given = params.arguments or {}
        found = resources.plan_prompt(host, given.get("role"), given.get("level"))
        if found.error:
            raise MCPError(types.INVALID_PARAMS, found.text)
        message = types.PromptMessage(role="user", content=types.TextContent(text=found.text))
        return types.GetPromptResult(description=prompt.description, messages=[message])

    return {"on_list_prompts": list_prompts, "on_get_prompt": get_prompt}


def refused(work: Any) -> Any:
    """``work()``, with a refusal (an unknown skill, a broken file) as the protocol's error."""
    try:
        return work()
    except SkillpathError as error:
        raise MCPError(types.INVALID_PARAMS, error.message) from None
