// Swap a video's poster for YouTube's privacy-enhanced player, only when asked to play.
document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-video-play]");
  if (!link) return;
  const figure = link.closest("[data-video]");
  event.preventDefault();
  const frame = document.createElement("iframe");
  frame.src = `https://www.youtube-nocookie.com/embed/${encodeURIComponent(figure.dataset.video)}?autoplay=1`;
  frame.title = link.textContent.trim();
  frame.allow = "autoplay; encrypted-media; picture-in-picture";
  frame.allowFullscreen = true;
  frame.className = "video__frame";
  link.replaceWith(frame);
  frame.focus();
});
